//go:build !linux

package memtrim

// trimImage has nothing portable to do: only Linux exposes the mappings.
func trimImage() error { return nil }
