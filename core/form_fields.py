from django import forms


class LinesField(forms.CharField):
    """A list of strings edited as one per line (for JSON list fields such as aliases)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        text = super().to_python(value) or ""
        seen, lines = set(), []
        for line in text.splitlines():
            line = line.strip()
            if line and line.casefold() not in seen:
                seen.add(line.casefold())
                lines.append(line)
        return lines

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)
