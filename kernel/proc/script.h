/* The `#!` line of a script (execve runs its interpreter). Pure: no kernel state. */
#ifndef ASTRA_KERNEL_SCRIPT_H
#define ASTRA_KERNEL_SCRIPT_H

#define EXEC_SCRIPT_LINE 256 /* Linux's BINPRM_BUF_SIZE: what of a #! line counts */

/* Splits a #! line (buf: the file's first EXEC_SCRIPT_LINE bytes, zero padded) as Linux does
 * into the interpreter and an optional argument (the rest of the line, spaces trimmed), both
 * pointing into buf, which gets their NULs: 0 or -ENOEXEC. */
int script_parse(char *buf, char **name, char **arg);

#endif
