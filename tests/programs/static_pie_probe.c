/* A static-pie glibc program (gcc -static-pie) against Linux (tests/kernel/xstate_test.py):
 * its start-up relocates itself from _DYNAMIC and AT_PHDR; then arguments, the environment,
 * pointers that needed relocation, thread-local storage in two threads, and the auxiliary
 * vector entries a static-pie reads. */
#include <elf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern const Elf64_Ehdr __ehdr_start;
static __thread int counter = 40;
static __thread char tls_name[16] = "main";

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
/* Function and string pointers in data: R_X86_64_RELATIVE relocations at start-up. */
static int (*const ops[])(int) = { twice, square };
static const char *const names[] = { "twice", "square" };

static void *thread_main(void *arg)
{
    strcpy(tls_name, arg);
    counter += 2;
    printf("thread %s: counter %d (its own copy)\n", tls_name, counter);
    return 0;
}

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    const char *env = getenv("STATIC_PIE_PROBE");
    printf("STATIC_PIE_PROBE=%s\n", env ? env : "(unset)");
    for (int i = 0; i < 2; i++)
        printf("%s(7) = %d\n", names[i], ops[i](7));
    const Elf64_Ehdr *eh = &__ehdr_start;
    printf("ELF type %s\n", eh->e_type == ET_DYN ? "ET_DYN" : "other");
    printf("AT_PHDR is the loaded program headers: %d\n",
           getauxval(AT_PHDR) == (unsigned long)eh + eh->e_phoff);
    printf("AT_ENTRY inside the image: %d\n", getauxval(AT_ENTRY) > (unsigned long)eh);
    printf("AT_BASE %lu\n", getauxval(AT_BASE));
    printf("loaded at a page boundary: %d\n", (unsigned long)eh % 4096 == 0);
    pthread_t t;
    pthread_create(&t, 0, thread_main, "second");
    pthread_join(t, 0);
    counter += 1;
    printf("thread %s: counter %d\n", tls_name, counter);
    char *heap = malloc(100000);
    strcpy(heap, "heap ok");
    printf("%s\n", heap);
    free(heap);
    return 3;
}
