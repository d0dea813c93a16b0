package check

import "syscall"

// setDeathSignal has Linux kill the tool should folio die without
// ending it (killed with SIGKILL).
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
