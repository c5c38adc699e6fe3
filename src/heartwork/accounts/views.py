from __future__ import annotations

from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from heartwork.accounts import second_factor, services, throttle
from heartwork.accounts.forms import (
    DeleteAccountForm,
    LoginCodeForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SecondFactorReauthForm,
    SignupForm,
    TOTPConfirmForm,
)
from heartwork.accounts.models import Person
from heartwork.accounts.services import person_delete
from heartwork.bonds.selectors import name_bonds
from heartwork.core.clientip import client_ip
from heartwork.core.errors import ApplicationError
from heartwork.core.ratelimit import Limit, hit


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return None


SIGNUP_PER_ADDRESS = Limit("signup-address", 10, 60 * 60)
RESET_PER_ADDRESS = Limit("reset-address", 10, 60 * 60)
RESET_PER_TARGET = Limit("reset-target", 3, 60 * 60)


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today:today")
    confirm_by_email = settings.SIGNUP_CONFIRMS_EMAIL
    form = SignupForm(request.POST or None, check_existing=not confirm_by_email)
    context = {"form": form, "next": _safe_next(request)}
    if request.method == "POST":
        if not hit(SIGNUP_PER_ADDRESS, client_ip(request)):
            context["refusal"] = (
                "Many accounts have been made from here in the last hour. Please try again later."
            )
            return render(request, "accounts/signup.html", context, status=429)
        if form.is_valid():
            if confirm_by_email:
                services.signup_request(form=form)
                request.session[SIGNUP_SENT_KEY] = form.cleaned_data["email"]
                return redirect("accounts:signup_sent")
            person = form.save()
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {person.display_name}. We're glad you're here.")
            return redirect(_safe_next(request) or "today:today")
    return render(request, "accounts/signup.html", context)


SIGNUP_SENT_KEY = "signup_sent_to"


@require_GET
def signup_sent(request: HttpRequest) -> HttpResponse:
    """The same page for every sign-up: it never says whether the address was new."""
    return render(
        request, "accounts/signup_sent.html", {"email": request.session.get(SIGNUP_SENT_KEY, "")}
    )


@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation e-mail. Opening it changes nothing (mail scanners
    open links); the button on the page makes the account."""
    pending = services.pending_signup_for_token(token)
    if pending is None:
        return render(request, "accounts/signup_confirm.html", {"problem": True}, status=404)
    if request.method == "POST":
        try:
            person = services.signup_confirm(pending=pending)
        except ApplicationError as error:
            messages.info(request, error.message)
            return redirect("accounts:login")
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {person.display_name}. We're glad you're here.")
        return redirect("today:today")
    return render(request, "accounts/signup_confirm.html", {"pending": pending})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Django's LoginView puts the request's host in as "site_name", over the product's.
        context = super().get_context_data(**kwargs)
        context["site_name"] = settings.SITE_NAME
        return context

    def post(self, request, *args, **kwargs):
        # Refused before the password is hashed: see heartwork.accounts.throttle.
        refusal = throttle.login_refusal(
            request, throttle.normalise_email(request.POST.get("username", ""))
        )
        if refusal:
            form = self.form_class(
                request, initial={"username": request.POST.get("username", "")[:254]}
            )
            return self.render_to_response(
                self.get_context_data(form=form, refusal=refusal), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        person = form.get_user()
        if second_factor.has_second_factor(person):
            # The password was right, but the session stays anonymous until the code is.
            _pending_login_start(self.request, person, self.get_success_url())
            return redirect("accounts:login_code")
        response = super().form_valid(form)
        throttle.remember_device(self.request, response, person.email)
        return response


# --- Logging in, second step --------------------------------------------------------------

PENDING_LOGIN = "pending_login"
PENDING_LOGIN_SECONDS = 10 * 60


def _pending_login_start(request: HttpRequest, person: Person, next_url: str) -> None:
    request.session.cycle_key()  # a new key for a session that now stands for someone
    request.session[PENDING_LOGIN] = {
        "person": str(person.pk),
        "backend": person.backend,
        "since": timezone.now().timestamp(),
        "next": next_url,
    }


def _pending_login(request: HttpRequest) -> tuple[Person, dict] | None:
    """The person whose password was right in this session a moment ago, or None."""
    data = request.session.get(PENDING_LOGIN)
    if not isinstance(data, dict):
        return None
    age = timezone.now().timestamp() - float(data.get("since", 0))
    person = Person.objects.filter(pk=data.get("person"), is_active=True).first()
    if not 0 <= age <= PENDING_LOGIN_SECONDS or person is None:
        request.session.pop(PENDING_LOGIN, None)
        return None
    if not second_factor.has_second_factor(person):
        request.session.pop(PENDING_LOGIN, None)
        return None
    return person, data


@sensitive_post_parameters("code", "recovery_code")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the app, or a recovery code. Only then is the
    person logged in. Wrong codes count like wrong passwords (heartwork.accounts.throttle)."""
    if request.user.is_authenticated:
        return redirect("today:today")
    pending = _pending_login(request)
    if pending is None:
        messages.info(request, "Please log in again; that step took a little too long.")
        return redirect("accounts:login")
    person, data = pending
    form = LoginCodeForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST":
        if throttle.pair_locked(request, person.email):
            return get_lockout_response(request, None, {"username": person.email})
        refusal = throttle.login_refusal(request, person.email)
        if not refusal and form.is_valid():
            refusal = throttle.code_refusal(request, person, form.typed_code)
        if refusal:
            context["refusal"] = refusal
            return render(request, "accounts/login_code.html", context, status=429)
        if form.is_valid():
            check = second_factor.second_factor_check(person=person, code=form.typed_code)
            if check.accepted:
                request.session.pop(PENDING_LOGIN, None)
                login(request, person, backend=data["backend"])
                response = redirect(data["next"])
                throttle.remember_device(request, response, person.email)
                if check.by_recovery_code:
                    left = second_factor.recovery_codes_left(person)
                    messages.info(
                        request,
                        f"You used a recovery code; {left} left. If your phone is gone for "
                        "good, you can set two-step login up again in Settings.",
                    )
                return response
            throttle.count_wrong_code(request, person.email)
            form.add_error(
                None,
                "That code isn't right. Codes change every 30 seconds, so try the newest one."
                if not check.by_recovery_code
                else "That recovery code isn't right, or it has been used already.",
            )
    return render(request, "accounts/login_code.html", context)


def admin_login(request: HttpRequest) -> HttpResponse:
    """Django's admin has its own login form, which would skip two-step login (and the
    throttles' friendly pages): operators log in through the same two steps as everyone."""
    if request.user.is_authenticated:  # logged in, but not staff: the admin is not theirs
        raise PermissionDenied
    target = _safe_next(request) or reverse("admin:index")
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")


class LogoutView(auth_views.LogoutView):
    """Log out, and ask the browser to forget anything it kept from the session."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Answers the same way, in the same time, whether or not the address has an account:
    the e-mail is sent by the background worker, and the limits below apply to both."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = throttle.normalise_email(form.cleaned_data["email"])
        within_limits = hit(RESET_PER_ADDRESS, client_ip(self.request)) & hit(
            RESET_PER_TARGET, email
        )
        services.password_reset_request(email=email, send=within_limits)
        return redirect(self.success_url)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password from the e-mailed link, and then the person is in: logged in at once,
    or, with two-step login on, sent to the code step first (the link proves the inbox,
    not the phone, so it never stands in for the second factor)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        person = form.save()
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        person.backend = "django.contrib.auth.backends.ModelBackend"
        if second_factor.has_second_factor(person):
            _pending_login_start(self.request, person, reverse("today:today"))
            messages.info(
                self.request,
                "Your new password is set. One more step: the code from your authenticator app.",
            )
            return redirect("accounts:login_code")
        login(self.request, person, backend=person.backend)
        messages.success(self.request, "Your new password is set, and you're logged in.")
        return redirect("today:today")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:settings")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        messages.success(self.request, "Your password is changed.")
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("accounts:settings")
    person = request.user
    context = {
        "form": form,
        "second_factor": second_factor.totp_device_for(person),
        "recovery_codes_left": second_factor.recovery_codes_left(person),
    }
    return render(request, "accounts/settings.html", context)


# --- Two-step login in Settings ---------------------------------------------------------

SETUP_LIFETIME_SECONDS = 60 * 60


@sensitive_post_parameters("password", "code")
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then confirm with the password and a code."""
    person = request.user
    if second_factor.has_second_factor(person):
        messages.info(request, "Two-step login is already on.")
        return redirect("accounts:settings")
    device = second_factor.totp_device_for(person, confirmed=False)
    if device is None or (timezone.now() - device.created_at).total_seconds() > (
        SETUP_LIFETIME_SECONDS
    ):
        device = second_factor.totp_setup_start(person=person)
    form = TOTPConfirmForm(request.POST or None, person=person, request=request)
    if request.method == "POST" and form.is_valid():
        wait = second_factor.wait_before_next_code(device)
        codes = None
        if wait:
            form.add_error(
                "code", f"Please wait {int(wait.total_seconds()) + 1} seconds, then try again."
            )
        else:
            codes = second_factor.totp_setup_confirm(
                person=person, device=device, code=form.cleaned_data["code"]
            )
            if codes is None:
                form.add_error(
                    "code",
                    "That code isn't right. Check the app shows heartwork, then type the "
                    "newest code.",
                )
        if codes is not None:
            messages.success(request, "Two-step login is on.")
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "first_time": True}
            )
    size, path = second_factor.qr_svg_path(second_factor.provisioning_uri(device))
    context = {
        "form": form,
        "qr_size": size,
        "qr_path": path,
        "secret": second_factor.secret_text(device),
    }
    return render(request, "accounts/second_factor_setup.html", context)


@sensitive_post_parameters("password", "code")
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    person = request.user
    if not second_factor.has_second_factor(person):
        return redirect("accounts:settings")
    form = SecondFactorReauthForm(request.POST or None, person=person, request=request)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.recovery_codes_regenerate(person=person)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})
    return render(request, "accounts/recovery_codes_new.html", {"form": form})


@sensitive_post_parameters("password", "code")
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_remove(request: HttpRequest) -> HttpResponse:
    person = request.user
    if not second_factor.has_second_factor(person):
        return redirect("accounts:settings")
    form = SecondFactorReauthForm(request.POST or None, person=person, request=request)
    if request.method == "POST" and form.is_valid():
        second_factor.second_factor_remove(person=person)
        messages.success(
            request, "Two-step login is off. Your password alone logs you in from now on."
        )
        return redirect("accounts:settings")
    return render(request, "accounts/second_factor_remove.html", {"form": form})


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, person=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        person = request.user
        logout(request)
        person_delete(person=person)
        messages.success(request, "Your account and everything you wrote are deleted. Take care.")
        response = redirect("home")
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
    bonds = name_bonds(
        request.user, [m.bond for m in request.user.memberships.select_related("bond")]
    )
    return render(request, "accounts/delete.html", {"form": form, "bonds": bonds})
