package main

import (
	"fmt"
	"os"
)

func cmdServe(args []string, stdout, stderr *os.File) int {
	fmt.Fprintln(stderr, "signpost serve: not available yet")
	return exitUsage
}
