// Command frameshift inventories how a Python codebase uses TensorFlow, Keras,
// PyTorch and JAX, and estimates what migrating it would take.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
