package manifest

import (
	"path"
	"strings"
)

// The manifest kinds, as reported in Dependency.Manifest.
const (
	KindRequirements = "requirements"
	KindPyproject    = "pyproject"
	KindSetupPy      = "setup.py"
	KindSetupCfg     = "setup.cfg"
	KindPipfile      = "pipfile"
	KindPipfileLock  = "pipfile.lock"
	KindPoetryLock   = "poetry.lock"
	KindUVLock       = "uv.lock"
	KindConda        = "conda"
)

// Kind returns the manifest kind for a slash path ("requirements", "pyproject",
// "setup.py", "setup.cfg", "pipfile", "pipfile.lock", "poetry.lock", "uv.lock",
// "conda"), or "" when the file is not a manifest. Names compare without case,
// since repositories made on macOS or Windows spell them freely.
// *requirements*.txt, requirements/*.txt, *requirements*.in and constraints*.txt
// are requirements files; environment*.yml and environment*.yaml are conda
// environments.
func Kind(p string) string {
	base := strings.ToLower(path.Base(p))
	switch base {
	case "pyproject.toml":
		return KindPyproject
	case "setup.py":
		return KindSetupPy
	case "setup.cfg":
		return KindSetupCfg
	case "pipfile":
		return KindPipfile
	case "pipfile.lock":
		return KindPipfileLock
	case "poetry.lock":
		return KindPoetryLock
	case "uv.lock":
		return KindUVLock
	}
	ext := path.Ext(base)
	switch ext {
	case ".txt", ".in":
		if strings.Contains(base, "requirements") {
			return KindRequirements
		}
		if ext == ".txt" && strings.HasPrefix(base, "constraints") {
			return KindRequirements
		}
		if strings.ToLower(path.Base(path.Dir(p))) == "requirements" {
			return KindRequirements
		}
	case ".yml", ".yaml":
		if strings.HasPrefix(base, "environment") {
			return KindConda
		}
	}
	return ""
}
