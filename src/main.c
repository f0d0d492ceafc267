/* main.c - command line entry point (being written: see src/cli). */
#include <stdio.h>
int main(void)
{
    fprintf(stderr, "jmx2run: under construction\n");
    return 2;
}
