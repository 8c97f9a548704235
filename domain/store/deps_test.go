package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// heavyDeps are packages the data layer must never link: image decoding,
// face detection and S3 belong to the workers and the object store.
var heavyDeps = []string{"github.com/esimov/pigo", "github.com/disintegration/imaging", "github.com/minio/", "golang.org/x/image"}

// The store enqueues jobs through package jobs, whose args are a leaf;
// this holds it to that, so linking the store stays cheap.
func TestStoreLinksNoWorkerDependencies(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, heavy := range heavyDeps {
			if strings.HasPrefix(pkg, heavy) {
				t.Errorf("domain/store depends on %s", pkg)
			}
		}
	}
}
