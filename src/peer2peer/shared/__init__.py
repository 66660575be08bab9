"""Small helpers every wing may use: files, answers, templates, letterbox, pages run ahead."""
