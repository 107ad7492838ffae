package cache

import (
	"crypto/sha256"
	"encoding/hex"
)

// isHexName reports whether key can be used as a file name as it is: lowercase
// hex, long enough to shard and short enough for any file system.
func isHexName(key string) bool {
	if len(key) < 8 || len(key) > 128 {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func hashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}
