/* Loading programs from the RAM file system: execve (sys_exec.c) and the first program.
 * The new address space is built completely (segments, stack with arguments, environment
 * and auxiliary vector) while the caller's is still intact, so every error leaves the caller
 * as it was; `#!` scripts name their interpreter, as on Linux. */
#ifndef ASTRA_KERNEL_EXEC_H
#define ASTRA_KERNEL_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include <astra/abi.h>

#include "proc/elf.h"
#include "proc/script.h"

struct inode;
struct mm;
struct thread;
struct trapframe;

#define EXEC_ARG_STRLEN (32 * 4096)       /* Linux's MAX_ARG_STRLEN: one string with its NUL */
#define EXEC_ARG_SPACE (2 * 1024 * 1024)  /* Linux's limit for 8 MiB of stack: a quarter of it */
#define EXEC_MAX_DEPTH 5                  /* interpreters of interpreters, as Linux allows */

/* The new program's argument or environment strings: kernel strings in front (a script's
 * interpreter, its argument and the script), then a user array from `skip` on (or a kernel
 * array). */
struct exec_strings {
    const char *front[3 * (EXEC_MAX_DEPTH + 1)];
    int nfront;
    struct mm *mm;              /* where the user array and its strings are */
    uint64_t user;              /* the user array, or 0 */
    const char *const *kernel;  /* or a kernel array */
    int count, skip;            /* strings in the array (-1: a user array not counted yet),
                                 * leading ones left out */
};

struct exec_request {
    /* in */
    const char *path;            /* as given to execve */
    char path_buf[ASTRA_PATH_MAX];
    struct inode *cwd;           /* relative paths start there */
    int any_mode;                /* the first program may lack execute bits (astra-run's file) */
    struct exec_strings argv, envp;
    /* out */
    struct mm *mm;               /* the new address space, ready */
    uint64_t entry, rsp;
    char exe[ASTRA_PATH_MAX];    /* the absolute path of the program (the interpreter of a script) */
    char why[160];               /* why an ELF file was refused (ENOEXEC) */
    int truncated;               /* its segments run past the end of the file: as on Linux, the
                                  * exec succeeds and the new program gets SIGSEGV */
    /* scratch */
    /* the start of the file: ELF and program headers (read in place, hence aligned for them),
     * or #! */
    _Alignas(8) unsigned char head[4096];
    char lines[EXEC_MAX_DEPTH + 1][EXEC_SCRIPT_LINE];
};

/* Resolves rq->path (following #! interpreters), checks the strings against Linux's limits
 * and builds the new address space in rq->mm. 0, or -ENOENT, -ENOTDIR, -ELOOP, -EACCES,
 * -ENAMETOOLONG, -EFAULT, -E2BIG, -ENOEXEC (rq->why says why for an ELF file), -ENOMEM. */
long exec_prepare(struct exec_request *rq);

/* The registers that start the prepared program. */
void exec_start_registers(struct trapframe *tf, const struct exec_request *rq);

/* Starts the first program (pid 1, standard descriptors on the console); NULL with a message
 * logged when it cannot. */
struct thread *exec_first(const char *path, const char *const argv[], const char *const envp[]);

#endif
