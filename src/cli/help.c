/* help.c - --help and --version texts. */
#include "jmx2run/cli.h"

void cli_print_version(FILE *out)
{
    fprintf(out, "jmx2run %s - native executor and Locust converter for Apache JMeter plans\n",
            JMX2RUN_VERSION);
}

void cli_print_help(FILE *out)
{
    fputs(
        "usage: jmx2run [options] plan.jmx\n"
        "       jmx2run -n -t plan.jmx [-l results.jtl] [-J name=value ...] [-q file ...]\n"
        "\n"
        "Actions (default: run the plan):\n"
        "  --check              load the plan and report what is not supported;\n"
        "                       exit 0 all supported, 1 unsupported elements, 2 unusable plan\n"
        "  --dump               print the plan as jmx2run understood it: thread groups,\n"
        "                       controllers, samplers and what applies to each sampler\n"
        "  --emit-locust        write the plan as a Locust locustfile on stdout\n"
        "                       (jmx2run --emit-locust plan.jmx > locustfile.py); elements\n"
        "                       it cannot convert become TODO comments and warnings\n"
        "  --migration-report   per element of the plan: whether jmx2run runs it and whether\n"
        "                       --emit-locust converts it exactly, approximately (how) or\n"
        "                       leaves a TODO (what happens instead), then totals\n"
        "  --format text|json   with --migration-report: the report as text (default) or JSON\n"
        "  --locust-worker      join a Locust master and run the users it gives this\n"
        "                       worker (one user class per thread group, named as\n"
        "                       --emit-locust names them); -l still writes a JTL\n"
        "  -g FILE -o DIR       HTML report from an existing results file\n"
        "  -h, --help           this text\n"
        "  -v, --version        version\n"
        "\n"
        "JMeter options (same meaning as jmeter's non-GUI mode):\n"
        "  -n, --nongui         accepted for compatibility (jmx2run has no GUI)\n"
        "  -t, --testfile FILE  the test plan\n"
        "  -l, --logfile FILE   results file (JTL)\n"
        "  -j, --jmeterlogfile FILE  run log\n"
        "  -J name=value, -Jname=value  set a JMeter property (empty value removes it)\n"
        "  -G name=value, -Gfile        global property or property file (applied locally)\n"
        "  -q, --addprop FILE   additional property file (repeatable, in order with -J)\n"
        "  -p, --propfile FILE  property file used instead of the built-in defaults\n"
        "  -e                   HTML report after the run (needs -l and -o)\n"
        "  -o DIR               report folder (must be empty unless -f)\n"
        "  -f                   overwrite the results file and report folder\n"
        "  -H host -P port [-u user -a password -N hosts -E scheme]  HTTP proxy\n"
        "                       (with --emit-locust: the locustfile's default proxy)\n"
        "  -D, -L, -d, -S, -i   accepted for compatibility, no effect\n"
        "\n"
        "jmx2run options:\n"
        "  --strict             warnings (unsupported elements, suspicious values) are errors\n"
        "  --threads N          worker OS threads (default: one per core); each runs many users\n"
        "  --quiet              no console output besides errors\n"
        "  --tls-verify         check HTTPS server certificates (JMeter, and jmx2run by default, trust all)\n"
        "  --locust-fast        with --emit-locust: FastHttpUser (geventhttpclient) instead of HttpUser\n"
        "  --master-host H      with --locust-worker: the master's host (default 127.0.0.1)\n"
        "  --master-port P      with --locust-worker: the master's port (default 5557)\n"
        "\n"
        "Results of a run:\n"
        "  --fail-on EXPR       fail the run (exit 3) when EXPR holds at the end; repeatable:\n"
        "                       'error_rate>1%', 'p95>500ms', 'p99[login]>1s', 'avg>200ms',\n"
        "                       'rps<100', 'max>2s', 'errors>0', 'samples<10' (quote them:\n"
        "                       > is a shell redirection); ops > >= < <=; units ms s %\n"
        "  --summary-json FILE  the end-of-run figures, top errors and settings as JSON\n"
        "  --exit-code-on-error N  exit status when samples failed (default 1; 0: success)\n"
        "  On a terminal a live status line replaces the 'summary +' lines (not with --quiet).\n"
        "  Percentiles: nearest rank as JMeter's (rank round(count x p)), from a histogram\n"
        "  exact below 256 ms and at most 0.78% above the true value beyond.\n"
        "\n"
        "Exit status: 0 success, 1 failed samples or unsupported elements (--check),\n"
        "2 usage or plan error, 3 pass/fail criteria breached (wins over 1).\n",
        out);
}
