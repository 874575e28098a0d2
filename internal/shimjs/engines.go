package shimjs

import (
	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/targets"
)

// Engines returns esbuild's engine list for the targets: each browser at the
// oldest version of its range.
func Engines(ts []targets.Target) []api.Engine {
	var out []api.Engine
	for _, t := range ts {
		out = append(out, api.Engine{Name: engineName(t.Browser.Engine), Version: t.Min()})
	}
	return out
}

func engineName(name string) api.EngineName {
	switch name {
	case "chrome":
		return api.EngineChrome
	case "edge":
		return api.EngineEdge
	case "opera":
		return api.EngineOpera
	case "firefox":
		return api.EngineFirefox
	case "ios":
		return api.EngineIOS
	}
	return api.EngineSafari
}
