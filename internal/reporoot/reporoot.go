// Package reporoot finds the repository's root folder (the one holding
// go.mod), where the test helpers keep the local PostgreSQL cluster and
// the cached MinIO binary whatever package's folder a test runs in.
package reporoot

import (
	"errors"
	"os"
	"path/filepath"
)

// Find walks up from the working directory to the folder with go.mod.
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
