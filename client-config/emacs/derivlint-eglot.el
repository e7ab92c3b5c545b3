;;; derivlint-eglot.el --- The derivlint language server in Eglot  -*- lexical-binding: t; -*-

;; Copyright (C) 2025 the derivlint authors
;; SPDX-License-Identifier: MIT
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))

;;; Commentary:

;; Shape diagnostics, hover and fixes from `derivlint server' in
;; `python-mode' and `python-ts-mode' buffers (.py files; Eglot has no
;; notebook sync).  Tested with Emacs 28 and Eglot 1.9 (Debian bookworm);
;; Emacs 29+ ships a newer Eglot that reads the same settings.
;;
;; Use:
;;
;;   (load "/path/to/derivlint-eglot.el")   ; or `require' it from `load-path'
;;   (add-hook 'python-mode-hook #'eglot-ensure)
;;
;; or M-x eglot in a Python buffer.
;;
;; Settings: set `derivlint-eglot-settings' before loading this file; it
;; becomes the default `derivlint' section of `eglot-workspace-configuration'
;; (answered on workspace/configuration) and the initializationOptions.  Per
;; project, in .dir-locals.el (python-ts-mode too, on Emacs 29+):
;;
;;   ((python-mode
;;     . ((eglot-workspace-configuration
;;         . (:derivlint (:diagnosticsScope "openFiles" :ignore ["S107"]))))))
;;
;; JSON arrays are vectors (["S1" "E"]), false is :json-false.
;;
;; Combining with another Python server (pylsp, pyright, ...): Eglot runs
;; ONE server per buffer.  This file puts derivlint first for Python buffers;
;; the servers in `derivlint-eglot-other-servers' are offered next to it, so
;; C-u M-x eglot asks which one to start, while `eglot-ensure' starts derivlint.
;; To run derivlint and another server in the same buffer at once, either
;; put an LSP multiplexer program in front of both as the Eglot contact, or
;; keep Eglot for your usual server and run `derivlint check' from flymake or
;; compile instead.

;;; Code:

(require 'cl-lib)
(require 'eglot)

(defgroup derivlint-eglot nil
  "The derivlint language server in Eglot."
  :group 'eglot
  :prefix "derivlint-eglot-")

(defcustom derivlint-eglot-command '("derivlint" "server")
  "Command line that starts the derivlint language server.
For a virtualenv, e.g. (\"/path/to/.venv/bin/python\" \"-m\" \"derivlint\" \"server\")."
  :type '(repeat string))

(defcustom derivlint-eglot-settings
  '(:diagnosticsScope "workspace"
    :inlayHints t)
  "Default derivlint settings, a plist of the server's `derivlint' section.
Keys: :diagnosticsScope (\"openFiles\" or \"workspace\"), :inlayHints
\(t or :json-false), :select, :ignore, :extendSelect (vectors of rule
selectors such as [\"S101\" \"S1\" \"shape-mismatch\"]) and :severity (a
plist mapping a selector to \"error\", \"warning\", \"info\" or \"off\",
e.g. (:S102 \"error\"))."
  :type 'plist)

(defcustom derivlint-eglot-other-servers
  '("pylsp" ("pyright-langserver" "--stdio") "jedi-language-server")
  "Other Python servers offered after derivlint by C-u \\[eglot].
Each is a program name or a list (PROGRAM ARGS...)."
  :type '(repeat (choice string (repeat string))))

(defun derivlint-eglot--plist-p (object)
  "Non-nil if OBJECT is a list of even length that starts with a keyword."
  (and (listp object) (keywordp (car-safe object))
       (zerop (% (safe-length object) 2))))

(defun derivlint-eglot--settings ()
  "The `derivlint' settings for the current buffer (dir-locals win)."
  (let ((conf (and (not (functionp eglot-workspace-configuration))
                   eglot-workspace-configuration)))
    (or (and (derivlint-eglot--plist-p conf) (plist-get conf :derivlint))
        (and (consp (car-safe conf)) (cdr (assq :derivlint conf)))
        derivlint-eglot-settings)))

(defun derivlint-eglot-contact (&optional interactive)
  "Eglot contact for Python buffers: derivlint, or, when INTERACTIVE and
more than one is installed, a choice between derivlint and
`derivlint-eglot-other-servers'."
  (let* ((derivlint (append derivlint-eglot-command
                            (list :initializationOptions (derivlint-eglot--settings))))
         (others (cl-loop for server in derivlint-eglot-other-servers
                          for argv = (if (listp server) server (list server))
                          when (executable-find (car argv)) collect argv)))
    (if (and interactive others)
        (let* ((names (cons (car derivlint-eglot-command) (mapcar #'car others)))
               (choice (completing-read "Language server: " names nil t nil nil (car names))))
          (if (equal choice (car derivlint-eglot-command))
              derivlint
            (assoc choice others)))
      derivlint)))

(defun derivlint-eglot-setup ()
  "Register derivlint with Eglot for `python-mode' and `python-ts-mode'."
  (add-to-list 'eglot-server-programs
               '((python-mode python-ts-mode) . derivlint-eglot-contact))
  ;; The default `derivlint' section answered on workspace/configuration;
  ;; a project's .dir-locals.el value replaces it.
  (let ((conf (default-value 'eglot-workspace-configuration)))
    (cond ((functionp conf))            ; the user's own function decides
          ((and (consp (car-safe conf)) (not (keywordp (car conf)))) ; alist form
           (unless (assq :derivlint conf)
             (setq-default eglot-workspace-configuration
                           (cons (cons :derivlint derivlint-eglot-settings) conf))))
          ((not (plist-member conf :derivlint))
           (setq-default eglot-workspace-configuration
                         (append conf (list :derivlint derivlint-eglot-settings)))))))

(derivlint-eglot-setup)

(provide 'derivlint-eglot)
;;; derivlint-eglot.el ends here
