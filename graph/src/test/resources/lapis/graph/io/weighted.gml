# GML as networkx writes it; the weight of the last edge is called value
graph [
  node [
    id 10
    label "a"
  ]
  node [
    id 20
    label "b"
  ]
  node [
    id 30
    label "c"
  ]
  node [
    id 40
    label "lonely"
  ]
  edge [
    source 10
    target 20
    weight 2.5
  ]
  edge [
    source 20
    target 30
    weight 0.5
  ]
  edge [
    source 30
    target 10
    value 1
  ]
]
