package handleuse

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("F"))
	uses, err := Find(b, []string{"runtime.getBackgroundPage", "extension.getBackgroundPage"})
	t.Logf("err %v", err)
	for _, u := range uses {
		t.Logf("%d %q holds=%q %v %q -> %q", u.Offset, u.Expr, u.Holds, u.Kind, u.How, u.Instead)
	}
}
