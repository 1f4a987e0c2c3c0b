package l10n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// used is what the code asks of the catalogue: the IDs handed to T as
// literals or constants and those marked with Mark (plain), the IDs handed
// to N (plural), and the date layouts handed to Date.
type used struct {
	plain, plural map[string]string // ID -> where it is first used
}

// scanCode reads every non-test Go file under the module's internal and
// cmd folders.
func scanCode(t *testing.T) used {
	t.Helper()
	u := used{plain: map[string]string{}, plural: map[string]string{}}
	fset := token.NewFileSet()
	var files []*ast.File
	dirOf := map[*ast.File]string{}
	// String constants by package folder, for T(TitleMain) in the package
	// and T(ui.TitleMain) from another.
	consts := map[string]map[string]string{}
	for _, root := range []string{"../../internal", "../../cmd"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			files = append(files, f)
			dir := filepath.Dir(path)
			dirOf[f] = dir
			if consts[dir] == nil {
				consts[dir] = map[string]string{}
			}
			// String constants, for T(TitleMain) and the like.
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.CONST {
					continue
				}
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := literal(vs.Values[i], scope{}); ok {
								consts[dir][name.Name] = s
							}
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		sc := scope{local: consts[dirOf[f]], imported: map[string]map[string]string{}}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			name := filepath.Base(path)
			if im.Name != nil {
				name = im.Name.Name
			}
			for dir, m := range consts {
				if strings.HasSuffix(filepath.ToSlash(dir), strings.TrimPrefix(path, "github.com/crampcare/crampcare/")) {
					sc.imported[name] = m
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			at := fset.Position(call.Pos()).String()
			add := func(m map[string]string, id string) {
				if _, ok := m[id]; !ok {
					m[id] = at
				}
			}
			switch sel.Sel.Name {
			case "T":
				if s, ok := literal(call.Args[0], sc); ok {
					add(u.plain, s)
				}
			case "Mark":
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "l10n" {
					if s, ok := literal(call.Args[0], sc); ok {
						add(u.plain, s)
					}
				}
			case "N":
				if len(call.Args) >= 2 {
					if s, ok := literal(call.Args[0], sc); ok {
						add(u.plural, s)
					}
				}
			case "Date":
				if len(call.Args) == 2 {
					if s, ok := literal(call.Args[1], sc); ok {
						add(u.plain, "date:"+s)
					}
				}
			}
			return true
		})
	}
	return u
}

// scope is the string constants a file sees: its package's, and those of
// the packages it imports by the name it imports them as.
type scope struct {
	local    map[string]string
	imported map[string]map[string]string
}

// literal is the string e stands for: a literal, a constant's name
// (Name, or pkg.Name of an imported package: never a field s.Name), or
// literals and constants joined with +.
func literal(e ast.Expr, sc scope) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := sc.local[e.Name]
		return s, ok
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		s, ok := sc.imported[x.Name][e.Sel.Name]
		return s, ok
	case *ast.ParenExpr:
		return literal(e.X, sc)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(e.X, sc)
		b, ok2 := literal(e.Y, sc)
		return a + b, ok1 && ok2
	}
	return "", false
}
