from django.http import HttpRequest

from .permissions import roles_for


def roles(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's roles, for the header. Lazy: costs nothing on pages that
    never print it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"user_roles": lambda: roles_for(user)}
