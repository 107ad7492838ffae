package walk

import (
	"path"
	"strings"
)

// vendoredName says why a folder is skipped by name alone, or "" if it is not.
// These folders hold third-party, generated or cached code: scanning them would
// count someone else's framework usage as the project's own.
func vendoredName(name string) string {
	switch name {
	case ".git", ".hg", ".svn":
		return "version-control metadata (" + name + ")"
	case "site-packages", "dist-packages":
		return "installed Python packages (" + name + ")"
	case "node_modules":
		return "installed JavaScript packages (node_modules)"
	case "__pycache__":
		return "Python bytecode cache (__pycache__)"
	case ".tox", ".nox":
		return "test environments (" + name + ")"
	case ".mypy_cache", ".pytest_cache":
		return "tool cache (" + name + ")"
	case ".ipynb_checkpoints":
		return "notebook checkpoints (.ipynb_checkpoints)"
	case "build", "dist":
		return "build output (" + name + ")"
	}
	if strings.HasSuffix(name, ".egg-info") {
		return "package metadata (*.egg-info)"
	}
	return ""
}

// vendoredPath says why a real path lies in a folder skipped by name, so that a
// link cannot smuggle such a folder back into the walk.
func vendoredPath(p string) string {
	for _, part := range splitPath(p) {
		if reason := vendoredName(part); reason != "" {
			return reason
		}
	}
	return ""
}

// virtualenvNames are the folder names conventionally used for virtualenvs; only
// with an activate script in them are they treated as one, since "env" is also a
// common name for a project's own package.
func isVirtualenvName(name string) bool {
	switch name {
	case "venv", ".venv", "env", ".env":
		return true
	}
	return false
}

// virtualenv says why the folder at real path dir, named name and listing
// entries, is a Python environment, or "" if it is not one.
func (w *walker) virtualenv(dir, name string, entries []DirEntry) string {
	if hasEntry(entries, "pyvenv.cfg", TypeFile) {
		return "virtualenv (contains pyvenv.cfg)"
	}
	if hasEntry(entries, "conda-meta", TypeDir) {
		return "conda environment (contains conda-meta/)"
	}
	if !isVirtualenvName(name) {
		return ""
	}
	for _, bin := range []string{"bin", "Scripts"} {
		if !hasEntry(entries, bin, TypeDir) {
			continue
		}
		scripts, err := w.fsys.ReadDir(path.Join(dir, bin))
		if err != nil {
			continue
		}
		if hasEntry(scripts, "activate", TypeFile) {
			return "virtualenv (contains " + bin + "/activate)"
		}
	}
	return ""
}
