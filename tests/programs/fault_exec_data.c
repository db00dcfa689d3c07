/* Jumps into a data page (a `ret` instruction in .data): NX must stop it. */
#include <stdio.h>

static unsigned char code[16] = { 0xc3 };

int main(void)
{
    printf("calling into .data\n");
    fflush(stdout);
    ((void (*)(void))(void *)code)();
    printf("data was executable!\n");
    return 0;
}
