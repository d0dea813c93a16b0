//go:build unix

package check

import (
	"os/exec"
	"syscall"
)

// ownGroup starts cmd in a process group of its own, so that the whole
// of it (a JVM and whatever it starts) can be killed at once.
func ownGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	setDeathSignal(cmd.SysProcAttr)
	cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
}

// killGroup kills the process group pid leads.
func killGroup(pid int) error { return syscall.Kill(-pid, syscall.SIGKILL) }
