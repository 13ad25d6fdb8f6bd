# Completes command lines as an interactive zsh does, and prints the matches it offers (for
# completion.test.ts):  zsh -f zsh-complete.zsh SCRIPT LINE...
# For each LINE, "### LINE" and then the matches, sorted, one a line. SCRIPT is the completion
# script, sourced after compinit; the matches are caught by wrapping compadd.
zmodload zsh/zpty
script=$1; shift
out=${TMPDIR:-/tmp}/zsh-capture.$$
zpty z zsh -f -i
# an interactive zsh drops what is typed before its line editor starts: knock until it answers
local chunk started=0
repeat 200; do
  zpty -w z "print -r -- STA''RTED"
  sleep 0.05
  while zpty -r -t z chunk; do [[ $chunk == *STARTED* ]] && started=1; done
  (( started )) && break
done
(( started )) || { print -u2 "zsh did not start"; exit 2 }
zpty -w z "autoload -U compinit; compinit -u -D; source ${(q)script}"
zpty -w z "compadd() { if (( \${@[(I)-[OAD]]} )); then builtin compadd \"\$@\"; return; fi; local -a m; builtin compadd -O m \"\$@\"; (( \$#m )) && print -rl -- \$m >> ${(q)out}; builtin compadd \"\$@\" }"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no; LISTMAX=100000"
# tab completes, then says so; nothing more is typed until it has (typed-ahead keys change how zle completes)
zpty -w z "capture-tab() { zle complete-word; print -n -- COMPLETION''DONE }; zle -N capture-tab; bindkey '^I' capture-tab"
zpty -w z "print -r -- SET''UP"
zpty -r z chunk '*SETUP*'
for line in "$@"; do
  zpty -w z ": > ${(q)out}; print -r -- EMP''TIED"
  zpty -r z chunk '*EMPTIED*'
  zpty -w -n z "$line"$'\t'
  zpty -r z chunk '*COMPLETIONDONE*'
  # ^U clears the line
  zpty -w -n z $'\x15'
  print -r -- "### $line"
  sort -u $out
done
zpty -d z
rm -f $out
