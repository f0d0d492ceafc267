/* curl-floor.c - a reference client for tools/bench/run: the least a libcurl
 * multi-socket client spends per keep-alive GET, so that the benchmark can tell
 * libcurl's own cost from jmx2run's.
 *
 *   curl-floor URL THREADS HANDLES_PER_THREAD SECONDS
 *
 * Each thread runs the same shape of loop as a jmx2run worker (epoll, one multi
 * handle, libcurl's socket and timer callbacks), but its easy handles are set up
 * once and put back into the multi handle as soon as their response is in: no
 * options set again, no request built, no sample recorded. The URL is given as
 * a CURLU handle parsed once (CURLOPT_CURLU), the cheapest way libcurl 7.88 has:
 * with CURLOPT_URL it parses and prints the URL again for every transfer. Prints
 * "N requests in S s, E errors". Not part of jmx2run; built by tools/bench/run. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <time.h>

struct worker {
    CURLM *multi;
    CURLU *url;        /* target_url, parsed once */
    int epfd;
    double deadline;   /* libcurl's timer, absolute seconds; < 0 when none */
    long requests, errors;
};

static const char *target_url;
static int handles_per_thread;
static double run_seconds;
static atomic_long total_requests, total_errors;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t discard(char *data, size_t size, size_t n, void *user)
{
    (void)data;
    (void)user;
    return size * n;
}

static int on_socket(CURL *easy, curl_socket_t fd, int what, void *user, void *socketp)
{
    struct worker *w = user;
    (void)easy;
    (void)socketp;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(w->epfd, EPOLL_CTL_DEL, fd, NULL);
        return 0;
    }
    struct epoll_event ev = {0};
    ev.data.fd = fd;
    if (what & CURL_POLL_IN)
        ev.events |= EPOLLIN;
    if (what & CURL_POLL_OUT)
        ev.events |= EPOLLOUT;
    if (epoll_ctl(w->epfd, EPOLL_CTL_MOD, fd, &ev) < 0)
        epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev);
    return 0;
}

static int on_timer(CURLM *multi, long timeout_ms, void *user)
{
    struct worker *w = user;
    (void)multi;
    w->deadline = timeout_ms < 0 ? -1.0 : now_s() + (double)timeout_ms / 1000.0;
    return 0;
}

/* Finished transfers go straight back in: the next request on the same connection. */
static void requeue_finished(struct worker *w)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(w->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        long code = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
        if (msg->data.result != CURLE_OK || code != 200)
            w->errors++;
        w->requests++;
        curl_multi_remove_handle(w->multi, easy);
        curl_multi_add_handle(w->multi, easy);
    }
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    int running = 0;
    double end = now_s() + run_seconds;
    while (now_s() < end) {
        struct epoll_event events[64];
        double t = now_s();
        int wait_ms = 100;
        if (w->deadline >= 0)
            wait_ms = w->deadline <= t ? 0 : (int)((w->deadline - t) * 1000.0) + 1;
        int n = epoll_wait(w->epfd, events, 64, wait_ms);
        for (int i = 0; i < n; i++) {
            int flags = 0;
            if (events[i].events & (EPOLLIN | EPOLLHUP))
                flags |= CURL_CSELECT_IN;
            if (events[i].events & EPOLLOUT)
                flags |= CURL_CSELECT_OUT;
            if (events[i].events & EPOLLERR)
                flags |= CURL_CSELECT_ERR;
            curl_multi_socket_action(w->multi, events[i].data.fd, flags, &running);
        }
        if (w->deadline >= 0 && w->deadline <= now_s()) {
            w->deadline = -1.0;
            curl_multi_socket_action(w->multi, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        requeue_finished(w);
    }
    atomic_fetch_add(&total_requests, w->requests);
    atomic_fetch_add(&total_errors, w->errors);
    return NULL;
}

static int setup(struct worker *w)
{
    w->multi = curl_multi_init();
    w->epfd = epoll_create1(EPOLL_CLOEXEC);
    w->deadline = -1.0;
    if (!w->multi || w->epfd < 0)
        return -1;
    curl_multi_setopt(w->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(w->multi, CURLMOPT_SOCKETDATA, w);
    curl_multi_setopt(w->multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(w->multi, CURLMOPT_TIMERDATA, w);
    w->url = curl_url();
    if (!w->url || curl_url_set(w->url, CURLUPART_URL, target_url, 0) != CURLUE_OK)
        return -1;
    for (int i = 0; i < handles_per_thread; i++) {
        CURL *easy = curl_easy_init();
        if (!easy)
            return -1;
        curl_easy_setopt(easy, CURLOPT_CURLU, w->url);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_multi_add_handle(w->multi, easy);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: curl-floor URL THREADS HANDLES_PER_THREAD SECONDS\n");
        return 2;
    }
    target_url = argv[1];
    int threads = atoi(argv[2]);
    handles_per_thread = atoi(argv[3]);
    run_seconds = atof(argv[4]);
    if (threads < 1 || threads > 64 || handles_per_thread < 1 || run_seconds <= 0) {
        fprintf(stderr, "curl-floor: THREADS 1-64, HANDLES_PER_THREAD >= 1, SECONDS > 0\n");
        return 2;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return 1;
    struct worker workers[64] = {0};
    pthread_t ids[64];
    for (int i = 0; i < threads; i++)
        if (setup(&workers[i]) != 0) {
            fprintf(stderr, "curl-floor: cannot set up libcurl\n");
            return 1;
        }
    double start = now_s();
    for (int i = 0; i < threads; i++)
        if (pthread_create(&ids[i], NULL, worker_main, &workers[i]) != 0) {
            fprintf(stderr, "curl-floor: cannot start a thread\n");
            return 1;
        }
    for (int i = 0; i < threads; i++)
        pthread_join(ids[i], NULL);
    double elapsed = now_s() - start;
    printf("%ld requests in %.3f s, %ld errors\n", (long)atomic_load(&total_requests), elapsed,
           (long)atomic_load(&total_errors));
    return 0;
}
