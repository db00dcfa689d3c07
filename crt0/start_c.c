/* crt0 for C programs on newlib: constructors, main, then exit() so that atexit handlers run
 * and stdio is flushed. */
#include <stdlib.h>

#include "../libastra/internal/startup.h"

extern char **environ;
int main(int argc, char **argv, char **envp);
void __libc_init_array(void);
void __libc_fini_array(void);

_Noreturn void astra_start(long *sp)
{
    struct astra_startup s;
    astra_init_process(sp, &s);
    environ = s.envp;
    __libc_init_array();
    atexit(__libc_fini_array);
    exit(main(s.argc, s.argv, s.envp));
}
