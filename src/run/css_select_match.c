/* css_select_match.c - runs a compiled selector over a document the way Jsoup's
 * Evaluators and Collector do: every element of the tree, the document itself first,
 * is tested in document order with the document as the root of the search.
 *
 * Structural tests follow Jsoup exactly: an ancestor test climbs up to and including
 * the root; "a > b > c" checks each parent in turn; :has() searches the descendants
 * only, with the element as the new root; :first-child and the :nth-* family never
 * match a child of the document; :lt() never matches the root. As in Jsoup, the inner
 * results of ancestor, sibling and :not tests are remembered per (root, element), so
 * long chains of combinators stay linear. Regular expressions run with a match limit
 * (a pattern that gives up counts as not matching). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <string.h>
#include "jmx2run/postprocess_xml.h"

/* ------------------------------------------------------------------ memo */

struct memo_entry {
    const struct css_eval *e;
    const xmlNode *root, *el;
    bool value;
};

struct matcher {
    struct memo_entry *slots;
    size_t cap, used;
    pcre2_match_context *mctx;
    pcre2_match_data *md;
};

static size_t memo_hash(const struct css_eval *e, const xmlNode *root, const xmlNode *el)
{
    uint64_t h = (uint64_t)(uintptr_t)e * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(uintptr_t)root + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= (uint64_t)(uintptr_t)el + 0x8CB92BA72F3D8DD7ull + (h << 6) + (h >> 2);
    return (size_t)(h ^ (h >> 29));
}

static struct memo_entry *memo_slot(struct matcher *m, const struct css_eval *e, const xmlNode *root,
                                    const xmlNode *el)
{
    size_t i = memo_hash(e, root, el) & (m->cap - 1);
    while (m->slots[i].e && !(m->slots[i].e == e && m->slots[i].root == root && m->slots[i].el == el))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static void memo_grow(struct matcher *m)
{
    struct memo_entry *old = m->slots;
    size_t old_cap = m->cap;
    m->cap = old_cap ? old_cap * 2 : 256;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].e)
            *memo_slot(m, old[i].e, old[i].root, old[i].el) = old[i];
    free(old);
}

static bool match(struct matcher *m, const struct css_eval *e, xmlNode *root, xmlNode *el);

/* StructuralEvaluator.memoMatches */
static bool memo_match(struct matcher *m, const struct css_eval *e, xmlNode *root, xmlNode *el)
{
    if (m->used * 2 >= m->cap)
        memo_grow(m);
    struct memo_entry *s = memo_slot(m, e, root, el);
    if (s->e)
        return s->value;
    bool v = match(m, e, root, el);
    s = memo_slot(m, e, root, el);      /* the table may have grown meanwhile */
    if (!s->e) {
        if (m->used * 2 >= m->cap) {
            memo_grow(m);
            s = memo_slot(m, e, root, el);
        }
        *s = (struct memo_entry){e, root, el, v};
        m->used++;
    }
    return v;
}

/* ------------------------------------------------------------- siblings */

static bool is_child_element(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE;
}

static xmlNode *first_element(const xmlNode *parent)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_child_element(c))
            return c;
    return NULL;
}

static xmlNode *last_element(const xmlNode *parent)
{
    for (xmlNode *c = parent->last; c; c = c->prev)
        if (is_child_element(c))
            return c;
    return NULL;
}

static xmlNode *prev_element(const xmlNode *n)
{
    for (xmlNode *c = n->prev; c; c = c->prev)
        if (is_child_element(c))
            return c;
    return NULL;
}

static xmlNode *next_element(const xmlNode *n)
{
    for (xmlNode *c = n->next; c; c = c->next)
        if (is_child_element(c))
            return c;
    return NULL;
}

static bool is_doc(const xmlNode *n)
{
    return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
}

/* Element.elementSiblingIndex: 0 without a parent. */
static long sibling_index(const xmlNode *el)
{
    if (!css_parent(el))
        return 0;
    long i = 0;
    for (const xmlNode *c = prev_element(el); c; c = prev_element(c))
        i++;
    return i;
}

static long element_children(const xmlNode *parent)
{
    long n = 0;
    for (const xmlNode *c = first_element(parent); c; c = next_element(c))
        n++;
    return n;
}

static bool same_name(const xmlNode *a, const xmlNode *b)
{
    return strcmp(css_tag_name(a), css_tag_name(b)) == 0;
}

static bool nth_matches(const struct css_eval *e, xmlNode *el)
{
    xmlNode *p = css_parent(el);
    if (!p || is_doc(p))
        return false;
    long pos = 0;
    switch (e->kind) {
    case CSS_NTH_CHILD:
        pos = sibling_index(el) + 1;
        break;
    case CSS_NTH_LAST_CHILD:
        pos = element_children(p) - sibling_index(el);
        break;
    case CSS_NTH_OF_TYPE:
        for (const xmlNode *c = p->children; c; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && same_name(c, el))
                pos++;
            if (c == el)
                break;
        }
        break;
    default:        /* CSS_NTH_LAST_OF_TYPE */
        for (const xmlNode *c = el; c; c = next_element(c))
            if (same_name(c, el))
                pos++;
        break;
    }
    int64_t a = e->a, b = e->b, d = (int64_t)pos - b;
    if (a == 0)
        return pos == b;
    return d * a >= 0 && d % a == 0;
}

/* ------------------------------------------------------------- text tests */

static bool regex_find(struct matcher *m, const void *re, const char *s, size_t len)
{
    if (!m->md)
        m->md = pcre2_match_data_create(16, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, m->md, m->mctx);
    return rc >= 0;
}

static bool contains(const char *hay, size_t len, const char *needle)
{
    return memmem(hay, len, needle, strlen(needle)) != NULL;
}

static bool text_test(struct matcher *m, const struct css_eval *e, xmlNode *el)
{
    struct strbuf t, l;
    strbuf_init(&t);
    strbuf_init(&l);
    bool lower = false;
    switch (e->kind) {
    case CSS_CONTAINS:
    case CSS_MATCHES:
        css_text(el, &t);
        lower = e->kind == CSS_CONTAINS;
        break;
    case CSS_CONTAINS_OWN:
    case CSS_MATCHES_OWN:
        css_own_text(el, &t);
        lower = e->kind == CSS_CONTAINS_OWN;
        break;
    case CSS_CONTAINS_WHOLE:
    case CSS_MATCHES_WHOLE:
        css_whole_text(el, false, &t);
        break;
    case CSS_CONTAINS_WHOLE_OWN:
    case CSS_MATCHES_WHOLE_OWN:
        css_whole_text(el, true, &t);
        break;
    default:        /* CSS_CONTAINS_DATA */
        css_data(el, &t);
        lower = true;
        break;
    }
    const struct strbuf *subject = &t;
    if (lower) {
        css_lower(t.s, t.len, &l);
        subject = &l;
    }
    bool r = e->re ? regex_find(m, e->re, subject->s, subject->len)
                   : contains(subject->s, subject->len, e->text);
    strbuf_free(&t);
    strbuf_free(&l);
    return r;
}

static bool has_class(const xmlNode *el, const char *cls)
{
    struct strbuf v;
    strbuf_init(&v);
    css_attr(el, "class", &v);
    size_t want = strlen(cls);
    bool found = false;
    size_t i = 0;
    while (i < v.len && !found) {
        while (i < v.len && (v.s[i] == ' ' || (v.s[i] >= '\t' && v.s[i] <= '\r') ||
                             (v.s[i] >= 0x1C && v.s[i] <= 0x1F)))
            i++;
        size_t start = i;
        while (i < v.len && !(v.s[i] == ' ' || (v.s[i] >= '\t' && v.s[i] <= '\r') ||
                              (v.s[i] >= 0x1C && v.s[i] <= 0x1F)))
            i++;
        if (i - start == want && want > 0) {
            struct strbuf a, b;
            strbuf_init(&a);
            strbuf_init(&b);
            css_lower(v.s + start, want, &a);
            css_lower(cls, want, &b);
            found = strcmp(a.s, b.s) == 0;
            strbuf_free(&a);
            strbuf_free(&b);
        }
    }
    strbuf_free(&v);
    return found;
}

/* String.equalsIgnoreCase / lowerCase(attr).startsWith(...) and friends */
static bool attr_test(struct matcher *m, const struct css_eval *e, const xmlNode *el)
{
    if (e->kind != CSS_ATTR_NE && !css_has_attr(el, e->text))
        return false;
    struct strbuf v, l;
    strbuf_init(&v);
    strbuf_init(&l);
    css_attr(el, e->text, &v);
    bool r = false;
    if (e->kind == CSS_ATTR_REGEX) {
        r = regex_find(m, e->re, v.s, v.len);
    } else {
        const char *s = v.s;
        size_t len = v.len;
        if (e->kind == CSS_ATTR_EQ) {
            while (len > 0 && (unsigned char)s[0] <= ' ') {
                s++;
                len--;
            }
            while (len > 0 && (unsigned char)s[len - 1] <= ' ')
                len--;
        }
        css_lower(s, len, &l);
        size_t n = strlen(e->value);
        switch (e->kind) {
        case CSS_ATTR_EQ:
            r = l.len == n && memcmp(l.s, e->value, n) == 0;
            break;
        case CSS_ATTR_NE:
            r = !(l.len == n && memcmp(l.s, e->value, n) == 0);
            break;
        case CSS_ATTR_START:
            r = l.len >= n && memcmp(l.s, e->value, n) == 0;
            break;
        case CSS_ATTR_END:
            r = l.len >= n && memcmp(l.s + l.len - n, e->value, n) == 0;
            break;
        default:        /* CSS_ATTR_CONTAINS */
            r = contains(l.s, l.len, e->value);
            break;
        }
    }
    strbuf_free(&v);
    strbuf_free(&l);
    return r;
}

static bool attr_prefix(const xmlNode *el, const char *prefix)
{
    if (el->type != XML_ELEMENT_NODE)
        return false;
    size_t n = strlen(prefix);
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        struct strbuf l;
        strbuf_init(&l);
        css_lower((const char *)a->name, strlen((const char *)a->name), &l);
        bool yes = l.len >= n && memcmp(l.s, prefix, n) == 0;
        strbuf_free(&l);
        if (yes)
            return true;
    }
    return false;
}

static bool is_blank_text(const char *s)
{
    for (; s && *s; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f' || *s == '\r'))
            return false;
    return true;
}

/* Evaluator.IsEmpty (Jsoup 1.17): the first text child decides; any other node but a
 * comment or a doctype means not empty. */
static bool is_empty(const xmlNode *el)
{
    for (const xmlNode *c = el->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE)
            return is_blank_text((const char *)c->content);
        if (c->type != XML_COMMENT_NODE && c->type != XML_DTD_NODE && c->type != XML_PI_NODE)
            return false;
    }
    return true;
}

/* ------------------------------------------------------------- matching */

static bool structural(struct matcher *m, const struct css_eval *e, xmlNode *root, xmlNode *el)
{
    const struct css_eval *k = e->n_kids ? e->kids[0] : NULL;
    switch (e->kind) {
    case CSS_ANCESTOR:
        if (root == el)
            return false;
        for (xmlNode *p = css_parent(el); p; p = css_parent(p)) {
            if (memo_match(m, k, root, p))
                return true;
            if (p == root)
                break;
        }
        return false;
    case CSS_PARENT_RUN:
        if (el == root)
            return false;
        for (size_t i = e->n_kids; i-- > 0;) {
            if (!el || !match(m, e->kids[i], root, el))
                return false;
            el = css_parent(el);
        }
        return true;
    case CSS_PREV_SIBLING: {
        if (root == el)
            return false;
        xmlNode *p = css_parent(el);
        for (xmlNode *s = p ? first_element(p) : el; s && s != el; s = next_element(s))
            if (memo_match(m, k, root, s))
                return true;
        return false;
    }
    case CSS_IMM_PREV_SIBLING: {
        if (root == el)
            return false;
        xmlNode *prev = css_parent(el) ? prev_element(el) : NULL;
        return prev && memo_match(m, k, root, prev);
    }
    case CSS_HAS: {
        xmlNode *n = el->children;
        while (n) {
            if (n->type == XML_ELEMENT_NODE && match(m, k, el, n))
                return true;
            if (n->type == XML_ELEMENT_NODE && n->children) {
                n = n->children;
                continue;
            }
            while (n != el && !n->next)
                n = n->parent;
            if (n == el)
                break;
            n = n->next;
        }
        return false;
    }
    case CSS_IS:
        return match(m, k, root, el);
    default:        /* CSS_NOT */
        return !memo_match(m, k, root, el);
    }
}

static bool match(struct matcher *m, const struct css_eval *e, xmlNode *root, xmlNode *el)
{
    xmlNode *p;
    switch (e->kind) {
    case CSS_ALL:
        return true;
    case CSS_TAG:
        return strcmp(css_tag_name(el), e->text) == 0;
    case CSS_TAG_ENDS: {
        const char *name = css_tag_name(el);
        size_t a = strlen(name), b = strlen(e->text);
        return a >= b && strcmp(name + a - b, e->text) == 0;
    }
    case CSS_ID: {
        struct strbuf v;
        strbuf_init(&v);
        css_attr(el, "id", &v);
        bool r = strcmp(v.s, e->text) == 0;
        strbuf_free(&v);
        return r;
    }
    case CSS_CLASS:
        return has_class(el, e->text);
    case CSS_ATTR:
        return css_has_attr(el, e->text);
    case CSS_ATTR_PREFIX:
        return attr_prefix(el, e->text);
    case CSS_ATTR_EQ:
    case CSS_ATTR_NE:
    case CSS_ATTR_START:
    case CSS_ATTR_END:
    case CSS_ATTR_CONTAINS:
    case CSS_ATTR_REGEX:
        return attr_test(m, e, el);
    case CSS_INDEX_LT:
        return root != el && sibling_index(el) < e->a;
    case CSS_INDEX_GT:
        return sibling_index(el) > e->a;
    case CSS_INDEX_EQ:
        return sibling_index(el) == e->a;
    case CSS_NTH_CHILD:
    case CSS_NTH_LAST_CHILD:
    case CSS_NTH_OF_TYPE:
    case CSS_NTH_LAST_OF_TYPE:
        return nth_matches(e, el);
    case CSS_FIRST_CHILD:
        p = css_parent(el);
        return p && !is_doc(p) && el == first_element(p);
    case CSS_LAST_CHILD:
        p = css_parent(el);
        return p && !is_doc(p) && el == last_element(p);
    case CSS_ONLY_CHILD:
        p = css_parent(el);
        return p && !is_doc(p) && !prev_element(el) && !next_element(el);
    case CSS_ONLY_OF_TYPE: {
        p = css_parent(el);
        if (!p || is_doc(p))
            return false;
        int count = 0;
        for (const xmlNode *c = first_element(p); c && count < 2; c = next_element(c))
            if (same_name(c, el))
                count++;
        return count == 1;
    }
    case CSS_EMPTY:
        return is_empty(el);
    case CSS_ROOT:
        return el == (is_doc(root) ? first_element(root) : root);
    case CSS_CONTAINS:
    case CSS_CONTAINS_OWN:
    case CSS_CONTAINS_WHOLE:
    case CSS_CONTAINS_WHOLE_OWN:
    case CSS_CONTAINS_DATA:
    case CSS_MATCHES:
    case CSS_MATCHES_OWN:
    case CSS_MATCHES_WHOLE:
    case CSS_MATCHES_WHOLE_OWN:
        return text_test(m, e, el);
    case CSS_AND:
        for (size_t i = 0; i < e->n_kids; i++)
            if (!match(m, e->kids[i], root, el))
                return false;
        return true;
    case CSS_OR:
        for (size_t i = 0; i < e->n_kids; i++)
            if (match(m, e->kids[i], root, el))
                return true;
        return false;
    case CSS_IS_SCOPE:
        return root == el;
    default:
        return structural(m, e, root, el);
    }
}

static void matcher_init(struct matcher *m)
{
    memset(m, 0, sizeof *m);
    m->mctx = pcre2_match_context_create(NULL);
    if (m->mctx) {
        pcre2_set_match_limit(m->mctx, 1000000);
        pcre2_set_depth_limit(m->mctx, 10000);
    }
}

static void matcher_free(struct matcher *m)
{
    free(m->slots);
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
}

bool css_matches(const struct css_eval *e, xmlNode *root, xmlNode *el)
{
    struct matcher m;
    matcher_init(&m);
    bool r = match(&m, e, root, el);
    matcher_free(&m);
    return r;
}

void css_select(const struct css_selector *sel, xmlDoc *doc, struct ptrvec *out)
{
    struct matcher m;
    matcher_init(&m);
    xmlNode *root = (xmlNode *)doc;
    xmlNode *n = root;
    while (n) {
        if (css_is_element(n) && match(&m, sel->root, root, n))
            ptrvec_push(out, n);
        if (css_is_element(n) && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next)
            n = n->parent;
        if (n == root)
            break;
        n = n->next;
    }
    matcher_free(&m);
}
