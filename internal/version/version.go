// Package version holds the release version; a test keeps it equal to the
// one in FyneApp.toml, which packaging reads.
package version

// Version is this release.
const Version = "0.1.0"
