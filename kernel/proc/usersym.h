/* Names for user addresses in fault reports: the function of the program's symbol table
 * (.symtab of the ELF file it was started from) that contains an address. */
#ifndef ASTRA_KERNEL_USERSYM_H
#define ASTRA_KERNEL_USERSYM_H

#include <stddef.h>
#include <stdint.h>

struct proc;

/* Writes "name+0xoff" for addr into buf: 0, or -1 when the file has no symbol table (stripped),
 * is gone, or no function contains addr. */
int usersym_lookup(struct proc *p, uint64_t addr, char *buf, size_t cap);
/* Logs (kwarn) the function containing a faulting thread's rip, when there is one. */
void usersym_report(struct proc *p, uint64_t rip);

#endif
