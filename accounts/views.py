"""Account pages: parse the form, call one service, render (a partial for htmx, the page otherwise)."""

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts import services
from accounts.forms import (
    DeleteAccountForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    RegisterForm,
    add_service_errors,
)


def _form_page(request: HttpRequest, template: str, form, *, status: int = 200, **context) -> HttpResponse:
    name = f"{template}#form" if request.htmx else template
    return render(request, name, {"form": form, **context}, status=status)


def _done(request: HttpRequest, url: str) -> HttpResponse:
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _next_url(request: HttpRequest, default: str = "/") -> str:
    url = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return default


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.register_user(**form.cleaned_data)
        except services.AccountError as error:
            add_service_errors(form, error.field_errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to OnlyJobless, %(name)s!") % {"name": user.username})
            return _done(request, _next_url(request))
    status = 400 if request.method == "POST" else 200
    return _form_page(request, "accounts/register.html", form, status=status, next=_next_url(request, ""))


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.log_in(request=request, **form.cleaned_data)
        except services.LoginThrottled as error:
            form.add_error(None, error.detail)
            status = 429
        except services.InvalidCredentials as error:
            form.add_error(None, error.detail)
            status = 400
        else:
            login(request, user)
            return _done(request, _next_url(request))
    elif request.method == "POST":
        status = 400
    return _form_page(request, "accounts/login.html", form, status=status, next=_next_url(request, ""))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        # The form parses; the service validates and saves all-or-nothing.
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
            try:
                services.update_profile(user=request.user, changes=changes)
            except services.AccountError as error:
                add_service_errors(form, error.field_errors)
            else:
                messages.success(request, _("Profile saved."))
                return _done(request, request.path)
        request.user.refresh_from_db()
        return _form_page(request, "accounts/profile.html", form, status=400)
    return _form_page(request, "accounts/profile.html", form)


@login_required
@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(user=request.user, **form.cleaned_data)
        except services.AccountError as error:
            add_service_errors(form, error.field_errors)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Password changed. Other devices must log in again."))
            return _done(request, "/accounts/profile")
    status = 400 if request.method == "POST" else 200
    return _form_page(request, "accounts/password.html", form, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if request.user.check_password(form.cleaned_data["password"]):
            services.delete_account(user=request.user)
            logout(request)
            messages.info(request, _("Your account and all your interviews were deleted."))
            return _done(request, "/")
        form.add_error("password", _("That is not your password."))
    status = 400 if request.method == "POST" else 200
    return _form_page(request, "accounts/delete.html", form, status=status)
