package walk

// Stamp is a file's metadata as a folder listing gives it: size, modification
// and change times, inode and device. Like git's index, a cache may take an
// unchanged stamp to mean unchanged content, and so skip reading the file; any
// write moves the modification time, and a file replaced by a rename has another
// inode and change time. The zero Stamp is unknown and matches nothing.
type Stamp struct {
	Size     int64
	ModNs    int64
	ChangeNs int64
	Inode    uint64
	Device   uint64
}

// Known reports whether the stamp says anything.
func (s Stamp) Known() bool { return s != Stamp{} }
