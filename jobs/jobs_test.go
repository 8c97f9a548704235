package jobs_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Package jobs is what the store links to enqueue: it must stay a leaf of
// args types, importing River and the standard library only, or the data
// layer would pull in whatever the workers need.
func TestJobsImportsOnlyRiver(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			std := !strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
			if !std && path != "github.com/riverqueue/river" {
				t.Errorf("%s imports %s: package jobs holds args only (river and the standard library)", name, path)
			}
		}
	}
}
