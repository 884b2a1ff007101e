from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.forms import ModelForm

from articles.citations import citation_validate_quote
from articles.models import Article, Citation, Mention, Outlet


class CitationForm(ModelForm):
    class Meta:
        model = Citation
        fields = ["field", "article", "quote", "note"]

    def clean(self):
        cleaned = super().clean()
        article, quote = cleaned.get("article"), cleaned.get("quote")
        if article and quote:
            try:
                citation_validate_quote(article=article, quote=quote)
            except ValidationError as error:
                self.add_error("quote", error.message_dict["quote"])
        return cleaned


class CitationInline(GenericTabularInline):
    """Citations on any record: article + exact quote, checked against the article text."""

    model = Citation
    form = CitationForm
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["field", "article", "quote", "note"]


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["official", "effort"]
    fields = ["official", "effort", "matched_text", "status", "reviewed_by", "reviewed_at"]
    readonly_fields = ["reviewed_by", "reviewed_at"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_display", "source_name", "imported_at"]
    list_filter = ["outlet", "published_precision", "title_derived"]
    list_select_related = ["outlet"]
    search_fields = ["title", "dek", "body", "url"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["content_hash", "imported_at", "source_name"]
    date_hierarchy = "published_on"
    inlines = [MentionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "title_derived", "outlet", "url", "author"]}),
        (
            "Date",
            {"fields": ["published_on", "published_precision", "published_approximate", "note"]},
        ),
        ("Text", {"fields": ["dek", "body"]}),
        ("Import", {"fields": ["source_name", "content_hash", "imported_at"]}),
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj):
        return obj.published or "unknown"


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "official", "effort", "matched_text", "status"]
    list_filter = ["status"]
    list_select_related = ["article", "official", "effort"]
    search_fields = ["article__title", "official__name", "effort__title", "matched_text"]
    autocomplete_fields = ["article", "official", "effort"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    form = CitationForm
    list_display = ["short_quote", "subject_display", "field", "article"]
    list_filter = ["content_type", "field"]
    list_select_related = ["article", "content_type"]
    search_fields = ["quote", "article__title", "note"]
    autocomplete_fields = ["article"]

    @admin.display(description="quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) < 90 else obj.quote[:87] + "…"

    @admin.display(description="supports")
    def subject_display(self, obj):
        return f"{obj.content_type.name}: {obj.subject}"
