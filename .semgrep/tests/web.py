"""Examples for web.yml (semgrep --test): ruleid lines must match, ok lines must not."""
# ruff: noqa
from flask import redirect, render_template, render_template_string, request, url_for
from markupsafe import Markup, escape


def greeting():
    name = request.args.get("name", "")
    # ruleid: eoffice-user-data-into-markup
    shown = Markup(f"<b>{name}</b>")
    # ok: eoffice-user-data-into-markup
    safe = Markup("<b>%s</b>") % escape(name)
    # ok: eoffice-user-data-into-markup
    page = Markup(render_template("hello.html", name=name))
    return shown, safe, page


def template_from_request():
    # ruleid: eoffice-user-data-into-markup, eoffice-no-render-template-string
    return render_template_string(request.form["template"])


def template_file():
    # ok: eoffice-no-render-template-string
    return render_template("hello.html", name=request.args.get("name", ""))


def fixed_template_string():
    # ruleid: eoffice-no-render-template-string
    return render_template_string("<p>{{ 1 }}</p>")


def go_next():
    # ruleid: eoffice-open-redirect
    return redirect(request.args["next"])


def go_next_later():
    target = request.args.get("next")
    # ruleid: eoffice-open-redirect
    return redirect(target or "/")


def go_back_with_result():
    back = request.form.get("back", "")
    # ruleid: eoffice-open-redirect
    return redirect(f"{back}?result=ok", code=303)


def go_next_checked():
    # ok: eoffice-open-redirect
    return redirect(safe_next(request.args.get("next")) or url_for("home"))


def go_to_anchor():
    place = request.args.get("place", "")
    # ok: eoffice-open-redirect
    return redirect(url_for("editor") + f"#{place}")


def safe_next(target):
    return target if target and target.startswith("/") and not target.startswith("//") else None


def download_by_hand(response, name):
    # ruleid: eoffice-content-disposition-by-hand
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    # ruleid: eoffice-content-disposition-by-hand
    headers = {"Content-Type": "text/csv", "Content-Disposition": f"inline; filename={name}"}
    # ok: eoffice-content-disposition-by-hand
    response.headers["Content-Disposition"] = content_disposition(name)
    # ok: eoffice-content-disposition-by-hand
    other = {"Content-Disposition": content_disposition(name, inline=True)}
    return headers, other
