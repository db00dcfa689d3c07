/* Running a program by name, shared by sys_spawn_process and newlib's execvp family. */
#ifndef ASTRA_INTERNAL_EXEC_H
#define ASTRA_INTERNAL_EXEC_H

/* execve of name, or, when search is not NULL and name has no '/', of each directory of
 * search (a PATH value; an empty entry is the current directory) joined with name, as
 * execvp does. With shell_fallback, a file the kernel refuses as ENOEXEC is run by /bin/sh,
 * as POSIX asks of execvp (posix_spawn does not). Only returns on failure: the -errno of the
 * most telling attempt (EACCES if nothing better was found). Raw system calls only (no errno,
 * no allocation), so that a vfork child may call it. */
long astra_exec_search(const char *name, const char *search, char *const argv[], char *const envp[],
                       int shell_fallback);

#include <stddef.h>

struct astra_spawn_action;

/* sys_spawn_process's work without the errno bookkeeping: the child's pid or -errno. When
 * setup is not NULL the child calls setup(setup_arg) first (raw system calls only, as the
 * actions) and reports a negative result as the spawn's error. */
long astra_spawn(const char *path, const char *search, char *const argv[], char *const envp[],
                 const struct astra_spawn_action *actions, size_t nactions, long (*setup)(void *),
                 void *setup_arg);

#endif
