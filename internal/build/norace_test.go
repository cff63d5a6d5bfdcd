//go:build !race

package build

// slowdown scales TestLargeInputs' time bounds; see race_test.go.
const slowdown = 1
