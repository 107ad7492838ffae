package walk

import (
	"io/fs"
	"syscall"
)

func stampOf(info fs.FileInfo) Stamp {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}
	}
	return Stamp{
		Size:     info.Size(),
		ModNs:    st.Mtim.Nano(),
		ChangeNs: st.Ctim.Nano(),
		Inode:    st.Ino,
		Device:   uint64(st.Dev), //nolint:unconvert // Dev's type varies by architecture
	}
}
