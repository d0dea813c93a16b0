//go:build unix && !linux

package check

import "syscall"

func setDeathSignal(*syscall.SysProcAttr) {}
