package testminio

import "syscall"

// sysProcAttr has the kernel kill MinIO if the test binary dies without
// running its cleanups (a test timeout, a crash), so no server outlives it.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
