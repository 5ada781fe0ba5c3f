// placeholder so the target compiles while it is being written
