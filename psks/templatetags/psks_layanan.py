"""`{% load psks_layanan %}{% layanan_psks orang %}`: a person's psks services and SLRT
referrals, for the ppks person page. Scoped to the logged-in user."""

from django import template

from ..selectors import layanan_untuk_orang

register = template.Library()


@register.inclusion_tag("psks/_layanan_orang.html", takes_context=True)
def layanan_psks(context, orang):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {"layanan": layanan_untuk_orang(orang, user), "request": request}
