/* Prints exactly what crt0 handed to main: argc, argv and envp, each string with its length,
 * and what newlib's getenv sees through `environ`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d](%zu)=%s\n", i, strlen(argv[i]), argv[i]);
    int envc = 0;
    while (envp[envc])
        envc++;
    printf("envc=%d\n", envc);
    for (int i = 0; i < envc; i++)
        printf("env[%d]=%s\n", i, envp[i]);
    const char *probe = getenv("ASTRA_PROBE");
    printf("getenv(ASTRA_PROBE)=%s\n", probe ? probe : "(null)");
    return argv[argc] == NULL ? 0 : 3;
}
