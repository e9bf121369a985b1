from django.contrib import admin

from resumes.models import Resume, ResumeUpload


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = ["user", "years_experience", "region", "expected_salary", "currency", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "region"]
    raw_id_fields = ["user"]
    readonly_fields = ["file", "original_filename", "extracted_text", "created_at", "updated_at"]


@admin.register(ResumeUpload)
class ResumeUploadAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "original_filename", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]
    readonly_fields = ["kind", "file", "original_filename", "extracted_text", "parsed", "created_at"]
