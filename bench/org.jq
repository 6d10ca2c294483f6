# org.jq - what csf-assess | csf-gap --by industry computes, in jq: per
# industry and task, how many organisations own (in-house), outsource or
# only support it. Input: the records of bench/org-gen.awk, slurped.
(map(select(.type == "unit")) | map({key: "\(.subject) \(.id)", value: .in_house}) | from_entries) as $inhouse
| (map(select(.type == "org")) | map({key: .subject, value: .industry}) | from_entries) as $industry
| map(select(.type == "assignment"))
| group_by([.subject, .task])
| map({value: $industry[.[0].subject], task: .[0].task,
       mode: (map(if .mode == "own" and $inhouse["\(.subject) \(.unit)"] then 0
                  elif .mode == "support" then 2 else 1 end) | min)})
| group_by([.value, .task])[]
| [.[0].value, .[0].task, (map(select(.mode == 0)) | length), (map(select(.mode == 2)) | length), (map(select(.mode == 1)) | length)]
| @tsv
