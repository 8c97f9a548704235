//go:build !linux

package testminio

import "syscall"

// sysProcAttr has nothing to add where the kernel offers no parent-death
// signal; cleanups stop the server.
func sysProcAttr() *syscall.SysProcAttr { return nil }
