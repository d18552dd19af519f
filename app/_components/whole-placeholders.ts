import { Extension } from "@tiptap/react";
import type { Mark } from "@tiptap/pm/model";
import { Plugin } from "@tiptap/pm/state";
import { placeholderSpans } from "@/lib/templates/placeholders";

// A placeholder ({{displayName}}) is formatted as a whole: bold, a link or any other mark put on
// part of it spreads over all of it. Split by a mark, its HTML would read
// {{display<strong>Name</strong>}}, a name the template check refuses and nothing fills.
export const WholePlaceholders = Extension.create({
  name: "wholePlaceholders",
  addProseMirrorPlugins: () => [
    new Plugin({
      appendTransaction(transactions, _before, state) {
        if (!transactions.some((t) => t.docChanged)) return null;
        const tr = state.tr;
        state.doc.descendants((block, pos) => {
          if (!block.isTextblock) return true;
          // One character per position: a line break ends no placeholder, as in the HTML.
          let text = "";
          block.forEach((child) => (text += child.isText ? child.text : "\n"));
          for (const [start, end] of placeholderSpans(text)) {
            const from = pos + 1 + start;
            const to = pos + 1 + end;
            const texts: Mark[][] = [];
            state.doc.nodesBetween(from, to, (node) => void (node.isText && texts.push([...node.marks])));
            const marks = texts.flat().filter((mark, i, all) => all.findIndex((m) => m.eq(mark)) === i);
            if (texts.every((own) => marks.every((mark) => mark.isInSet(own)))) continue;
            for (const mark of marks) tr.addMark(from, to, mark);
          }
          return false;
        });
        return tr.docChanged ? tr : null;
      },
    }),
  ],
});
