package check

import (
	"fmt"
	"runtime"
	"strings"
)

// internalError is the start of the message for a panic in this
// package's own code: a bug to report, which the fuzz tests look for.
// A panic inside pdfcpu on a damaged file is the file's problem.
const internalError = "internal error in folio check"

// panicked turns a recovered panic into a finding's message; it is
// called from a deferred function, while the panicking frames are still
// on the stack.
func panicked(p any, what string) string {
	if fn := panicSite(); strings.HasPrefix(fn, "folio/internal/check.") {
		return internalError + " (" + fmt.Sprint(p) + " in " + fn + ") while reading the " + what + "; please report it with the file"
	}
	return "reading the " + what + " failed (" + fmt.Sprint(p) + "): the file is damaged; export it again"
}

// panicSite names the function that panicked: the first frame below
// runtime.gopanic that is not in the runtime.
func panicSite() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	seenPanic := false
	for {
		f, more := frames.Next()
		if f.Function == "runtime.gopanic" {
			seenPanic = true
		} else if seenPanic && !strings.HasPrefix(f.Function, "runtime.") {
			return f.Function
		}
		if !more {
			return ""
		}
	}
}
