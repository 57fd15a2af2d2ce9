/*
 * h_auth.c - login, logout and the current user.
 *
 * A login answers with the token in the body (for scripts: "Authorization:
 * Bearer TOKEN") and as a cookie for the browser: HttpOnly, so page
 * scripts cannot read it, and SameSite=Strict, so other sites cannot send it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/users.h"
#include "http/handlers.h"
#include "util/date.h"

void h_login(struct req *r)
{
	json_t *in = NULL, *user = NULL;
	char *token = NULL;
	long expires = 0;
	if (!http_body_json(r, &in))
		return;
	enum bp_err rc = auth_login(&r->ctx, in, &token, &user, &expires);
	json_decref(in);
	if (rc) {
		http_reply_ctx_error(r);
		return;
	}
	char exp[TIMESTAMP_LEN];
	timestamp_from((time_t)expires, exp);
	json_t *o = json_pack("{s:s, s:s, s:o}", "token", token, "expires_at", exp, "user", user);
	char *body = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char cookie[256];
	snprintf(cookie, sizeof(cookie), "bp_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
		 token, expires - (long)time(NULL), r->cfg->cookie_secure ? "; Secure" : "");
	http_reply_raw(r, 200, "application/json; charset=utf-8", body, strlen(body), "Set-Cookie", cookie);
	free(body);
	free(token);
	json_decref(o);
}

void h_logout(struct req *r)
{
	enum bp_err rc = auth_logout(&r->ctx, r->token);
	if (rc) {
		http_reply_ctx_error(r);
		return;
	}
	http_reply_raw(r, 204, NULL, "", 0, "Set-Cookie",
		       "bp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

void h_me(struct req *r)
{
	json_t *out = NULL;
	enum bp_err rc = auth_me(&r->ctx, &out);
	h_finish(r, rc, 200, out);
}
