package measure

import (
	"bufio"
	"context"
	"strings"
)

// GoBenchPackages are the packages whose Go benchmarks GoBench runs.
var GoBenchPackages = []string{"./targets", "./shims", "./bundle", "./internal/jsscan"}

// GoBench runs the Go benchmarks of GoBenchPackages in the module in dir,
// with -benchmem and the given -benchtime, and returns the result lines
// (goos, pkg, cpu and Benchmark lines) as `go test` prints them.
func GoBench(ctx context.Context, dir, benchtime string) ([]string, error) {
	args := append([]string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1", "-benchtime", benchtime}, GoBenchPackages...)
	out, err := goCommand(ctx, dir, args...)
	if err != nil {
		return nil, err
	}
	var lines []string
	s := bufio.NewScanner(strings.NewReader(out))
	for s.Scan() {
		l := s.Text()
		for _, p := range []string{"Benchmark", "pkg:", "cpu:"} {
			if strings.HasPrefix(l, p) {
				lines = append(lines, l)
				break
			}
		}
	}
	return lines, s.Err()
}
