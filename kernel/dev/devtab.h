/* The devices in /dev: name, permissions, and the file operations (struct file_ops) that the
 * device's own file defines. A new device is its own file plus one line here. Included
 * twice by devtab.c, with DEVICE defined as a declaration and as the creation of the node;
 * the order is the order of creation (inode numbers). */
DEVICE("null", 0666, null_ops)       /* dev/mem.c */
DEVICE("zero", 0666, zero_ops)       /* dev/mem.c */
DEVICE("urandom", 0666, urandom_ops) /* dev/random.c */
DEVICE("random", 0666, urandom_ops)  /* dev/random.c */
DEVICE("stdin", 0620, stdin_ops)     /* dev/tty.c */
DEVICE("stdout", 0620, stdout_ops)   /* dev/tty.c */
DEVICE("stderr", 0620, stderr_ops)   /* dev/tty.c */
DEVICE("tty", 0666, tty_ops)         /* dev/tty.c */
DEVICE("console", 0600, console_ops) /* dev/tty.c */
