package bundle

import (
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/shims"
)

// applyEdits applies to the output manifest the edits the needed shims
// imply (shims.ManifestEdit), those marked IfIncluded only when the shim's
// code is in the output.
func (b *targetBuild) applyEdits() {
	source := b.m.Clone()
	for _, se := range b.edits {
		e := se.edit
		if e.IfIncluded && !slices.Contains(b.included, se.shim) || e.IfKey != "" && source.Get(e.IfKey) == nil {
			continue
		}
		switch e.Op {
		case shims.AddPermission:
			perms := b.m.Get("permissions")
			if perms == nil {
				perms = &jsonc.Value{Kind: jsonc.Array}
				b.m.Set("permissions", perms)
			}
			if perms.Kind == jsonc.Array && !slices.ContainsFunc(perms.Items, func(v *jsonc.Value) bool { return v.Kind == jsonc.String && v.Str == e.Name }) {
				perms.Items = append(perms.Items, jsonc.StringValue(e.Name))
			}
		case shims.RenamePermission:
			for _, key := range []string{"permissions", "optional_permissions"} {
				renamePermission(b.m.Get(key), e.Name, e.To)
			}
		case shims.RenameKey:
			renameKey(b.m, e.Name, e.To)
		case shims.MoveKey:
			moveKey(b.m, strings.Split(e.Name, "."), strings.Split(e.To, "."), true)
		case shims.CopyKey:
			moveKey(b.m, strings.Split(e.Name, "."), strings.Split(e.To, "."), false)
		case shims.DeleteKey:
			b.m.Delete(e.Name)
		case shims.RequireKey:
			if b.m.Path(strings.Split(e.Name, ".")...) == nil {
				b.compatf(ManifestFile, Pos{Line: 1, Column: 1}, "%s", e.Message)
			}
		case shims.RemovePermission:
			for _, key := range []string{"permissions", "optional_permissions"} {
				if perms := b.m.Get(key); perms != nil && perms.Kind == jsonc.Array {
					perms.Items = slices.DeleteFunc(perms.Items, func(v *jsonc.Value) bool { return v.Kind == jsonc.String && v.Str == e.Name })
				}
			}
		}
	}
}

// moveKey moves (or, without move, copies unless to is set) the value at
// the key path from to the key path to, creating the objects on the way;
// nothing happens when from is missing.
func moveKey(m *jsonc.Value, from, to []string, move bool) {
	parent := m.Path(from[:len(from)-1]...)
	v := parent.Get(from[len(from)-1])
	if v == nil || !move && m.Path(to...) != nil {
		return
	}
	if move {
		parent.Delete(from[len(from)-1])
	} else {
		v = v.Clone()
	}
	dst := m
	for _, k := range to[:len(to)-1] {
		next := dst.Get(k)
		if next == nil || next.Kind != jsonc.Object {
			next = jsonc.NewObject()
			dst.Set(k, next)
		}
		dst = next
	}
	dst.Set(to[len(to)-1], v)
}

// renamePermission renames the permission from to to in the list perms,
// dropping it where to is there already.
func renamePermission(perms *jsonc.Value, from, to string) {
	if perms == nil || perms.Kind != jsonc.Array {
		return
	}
	has := slices.ContainsFunc(perms.Items, func(v *jsonc.Value) bool { return v.Kind == jsonc.String && v.Str == to })
	out := perms.Items[:0]
	for _, v := range perms.Items {
		if v.Kind == jsonc.String && v.Str == from {
			if has {
				continue
			}
			v = &jsonc.Value{Kind: jsonc.String, Str: to, Pos: v.Pos}
			has = true
		}
		out = append(out, v)
	}
	perms.Items = out
}
