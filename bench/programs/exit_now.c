/* The small static program that the process rows of kernel_bench.c start: it only exits. */
int main(void) { return 0; }
