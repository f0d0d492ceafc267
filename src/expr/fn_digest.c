/* fn_digest.c - __digest: hex digest of text + salt through OpenSSL, with the
 * algorithm names Java's MessageDigest knows. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "expr_internal.h"

struct algorithm {
    const char *java_name;
    const char *openssl_name;
};

/* Java names are matched without regard to case, as MessageDigest does. */
static const struct algorithm algorithms[] = {
    {"MD2", "MD2"},         {"MD5", "MD5"},           {"SHA", "SHA1"},
    {"SHA-1", "SHA1"},      {"SHA1", "SHA1"},         {"SHA-224", "SHA224"},
    {"SHA-256", "SHA256"},  {"SHA-384", "SHA384"},    {"SHA-512", "SHA512"},
    {"SHA-512/224", "SHA512-224"}, {"SHA-512/256", "SHA512-256"}, {"SHA3-224", "SHA3-224"},
    {"SHA3-256", "SHA3-256"}, {"SHA3-384", "SHA3-384"}, {"SHA3-512", "SHA3-512"},
};

static const EVP_MD *find_md(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(algorithms); i++)
        if (strcasecmp(name, algorithms[i].java_name) == 0)
            return EVP_get_digestbyname(algorithms[i].openssl_name);
    return NULL;
}

static void digest_compile(struct tmpl_part *call, struct arena *arena, struct diag_list *diags,
                           const char *file, int line)
{
    const char *name = expr_fn_arg_literal(call, 0);
    if (name && !find_md(name))
        expr_fn_warn(call, diags, file, line, "unknown digest algorithm '%s' (the call yields \"null\" as in JMeter)", name);
}

static void fn_digest(const struct tmpl_part *call, struct expr_ctx *ctx, struct strbuf *out)
{
    char *alg = expr_fn_arg(call, 0, ctx);
    char *text = expr_fn_arg(call, 1, ctx);
    char *salt = call->n_args > 2 ? expr_fn_arg(call, 2, ctx) : xstrdup("");
    const EVP_MD *md = find_md(alg);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD_CTX *mctx = md ? EVP_MD_CTX_new() : NULL;
    if (!mctx || !EVP_DigestInit_ex(mctx, md, NULL) || !EVP_DigestUpdate(mctx, text, strlen(text)) ||
        !EVP_DigestUpdate(mctx, salt, strlen(salt)) || !EVP_DigestFinal_ex(mctx, digest, &len)) {
        /* Java logs the unknown algorithm and returns null, which prints as "null" */
        strbuf_adds(out, "null");
    } else {
        bool upper = false;
        if (call->n_args > 3) {
            char *u = expr_fn_arg(call, 3, ctx);
            upper = expr_java_parse_boolean(u);
            free(u);
        }
        const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        struct strbuf hex;
        strbuf_init(&hex);
        for (unsigned i = 0; i < len; i++) {
            strbuf_addc(&hex, digits[digest[i] >> 4]);
            strbuf_addc(&hex, digits[digest[i] & 15]);
        }
        strbuf_addn(out, hex.s, hex.len);
        expr_fn_store_var(call, 4, ctx, hex.s);
        strbuf_free(&hex);
    }
    EVP_MD_CTX_free(mctx);
    free(alg);
    free(text);
    free(salt);
}

const struct expr_function expr_fns_digest[] = {
    {"__digest", 2, 5, digest_compile, fn_digest,
     "hex digest (algorithm, text[, salt[, upper[, var]]])"},
    {0},
};
